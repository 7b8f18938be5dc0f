// Save the work held from an expired session at once; without JavaScript, the button does it.
document.getElementById("resume-work").submit();
