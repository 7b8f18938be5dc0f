/* The complaint form, improved: it works without this file. Adds victims and suspects
   without a round trip, fills the district list, follows the date with the articles,
   and saves the draft on the server every 30 seconds after a change. */
(function () {
  "use strict";
  var form = document.getElementById("complaint");
  if (!form) return;
  document.querySelectorAll(".nojs").forEach(function (el) { el.hidden = true; });

  function addPerson(prefix) {
    var total = form.querySelector("#id_" + prefix + "-TOTAL_FORMS");
    var index = parseInt(total.value, 10);
    var html = document.getElementById(prefix + "-template").innerHTML.replace(/__prefix__/g, index);
    var holder = document.getElementById(prefix === "v" ? "victims" : "suspects");
    holder.insertAdjacentHTML("beforeend", html);
    total.value = index + 1;
    var legend = holder.lastElementChild.querySelector("legend");
    if (legend) legend.textContent += index + 1;
    var first = holder.lastElementChild.querySelector("input, select");
    if (first) first.focus();
  }
  form.querySelectorAll("[data-add]").forEach(function (button) {
    button.addEventListener("click", function (event) {
      event.preventDefault();
      addPerson(button.getAttribute("data-add"));
    });
  });

  var department = document.getElementById("id_department");
  var district = document.getElementById("id_district");
  if (department && district) {
    department.addEventListener("change", function () {
      fetch(form.getAttribute("data-districts") + "?department=" + encodeURIComponent(department.value),
            {credentials: "same-origin"})
        .then(function (r) { return r.json(); })
        .then(function (data) {
          district.innerHTML = "";
          district.appendChild(new Option("---------", ""));
          data.districts.forEach(function (d) { district.appendChild(new Option(d[1], d[0])); });
        });
    });
  }

  var date = document.getElementById("id_date_of_facts");
  function showArticles() {
    var day = date.value;
    if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return;
    form.querySelectorAll(".art[data-periods]").forEach(function (el) {
      var found = "";
      JSON.parse(el.getAttribute("data-periods")).forEach(function (p) {
        if (p[0] <= day && (!p[1] || day <= p[1])) found = p[2];
      });
      el.textContent = found ? "art. " + found : "";
    });
  }
  if (date) date.addEventListener("change", showArticles);

  var dirty = false, status = document.getElementById("saved");
  form.addEventListener("input", function () { dirty = true; });
  form.addEventListener("change", function () { dirty = true; });
  function autosave() {
    if (!dirty || form.querySelector("[name=reason]")) return;
    dirty = false;
    var data = new FormData(form);
    data.set("action", "autosave");
    fetch(form.action || window.location.href, {method: "POST", body: data, credentials: "same-origin"})
      .then(function (r) {
        // The session expired: submit the form itself, which the sign-in page keeps.
        if (r.status === 401) { saveNow(); return Promise.reject(r.status); }
        return r.ok ? r.json() : Promise.reject(r.status);
      })
      .then(function (d) { if (status) status.textContent = "✓ " + d.saved; })
      .catch(function () { dirty = true; });
  }
  function saveNow() {
    var action = document.createElement("input");
    action.type = "hidden"; action.name = "action"; action.value = "save";
    form.appendChild(action);
    form.submit();
  }
  setInterval(autosave, 30000);
})();
