from django.contrib.auth import views as auth_views
from django.urls import path

from . import views, views_audit, views_custom, views_people

urlpatterns = [
    path("", views.home, name="home"),
    path("ingresar/", views.SignInView.as_view(), name="login"),
    path("ingresar/continuar/", views.resume_work, name="resume-work"),
    path("salir/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "contrasena/",
        views.PasswordChangeView.as_view(success_url="/contrasena/lista/"),
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
    path("administracion/usuarios/", views_people.user_list, name="user-list"),
    path("administracion/usuarios/nuevo/", views_people.user_new, name="user-new"),
    path("administracion/usuarios/<int:pk>/", views_people.user_detail, name="user-detail"),
    path("administracion/usuarios/<int:pk>/datos/", views_people.user_edit, name="user-edit"),
    path("administracion/usuarios/<int:pk>/unidad/", views_people.user_move, name="user-move"),
    path("administracion/usuarios/<int:pk>/estado/", views_people.user_active, name="user-active"),
    path(
        "administracion/usuarios/<int:pk>/contrasena/",
        views_people.user_password,
        name="user-password",
    ),
    path(
        "administracion/usuarios/<int:pk>/segundo-factor/",
        views_people.user_second_factor,
        name="user-second-factor",
    ),
    path(
        "administracion/usuarios/<int:pk>/rotacion/", views_people.user_rotate, name="user-rotate"
    ),
    path("administracion/auditoria/", views_audit.audit_report, name="audit-report"),
    path("administracion/auditoria/csv/", views_audit.audit_export, name="audit-export"),
    path(
        "administracion/auditoria/correcciones/",
        views_audit.correction_list,
        name="correction-list",
    ),
    path(
        "administracion/auditoria/denuncia/<int:pk>/",
        views_audit.complaint_audit,
        name="complaint-audit",
    ),
    path("administracion/variables/", views_custom.variable_list, name="variable-list"),
    path("administracion/variables/nueva/", views_custom.variable_edit, name="variable-new"),
    path("administracion/variables/<int:pk>/", views_custom.variable_edit, name="variable-edit"),
    path(
        "administracion/variables/<int:pk>/retirar/",
        views_custom.variable_retire,
        name="variable-retire",
    ),
]
