from django.contrib.auth import views as auth_views
from django.urls import path

from . import views

urlpatterns = [
    path("", views.home, name="home"),
    path("ingresar/", views.SignInView.as_view(), name="login"),
    path("ingresar/continuar/", views.resume_work, name="resume-work"),
    path("salir/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "contrasena/",
        auth_views.PasswordChangeView.as_view(success_url="/contrasena/lista/"),
        name="password_change",
    ),
    path(
        "contrasena/lista/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path("segundo-factor/", views.otp_verify, name="otp-verify"),
    path("segundo-factor/configurar/", views.otp_setup, name="otp-setup"),
    path("unidades/", views.unit_list, name="unit-list"),
    path("unidades/<int:pk>/", views.unit_detail, name="unit-detail"),
]
