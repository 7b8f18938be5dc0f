from django.contrib.auth import views as auth_views
from django.urls import path

from . import views, views_audit, views_custom, views_people, views_reference

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
    path("administracion/tablas/", views_reference.reference_index, name="reference-index"),
    path(
        "administracion/tablas/<slug:table>/",
        views_reference.reference_list,
        name="reference-list",
    ),
    path(
        "administracion/tablas/<slug:table>/nueva/",
        views_reference.reference_edit,
        name="reference-new",
    ),
    path(
        "administracion/tablas/<slug:table>/<int:pk>/",
        views_reference.reference_edit,
        name="reference-edit",
    ),
    path(
        "administracion/tablas/<slug:table>/<int:pk>/historial/",
        views_reference.reference_history,
        name="reference-history",
    ),
    path("unidades/<int:pk>/nueva/", views_reference.unit_new, name="unit-new"),
    path("unidades/<int:pk>/reorganizar/", views_reference.unit_reorganize, name="unit-reorganize"),
    path("unidades/<int:pk>/mover/", views_reference.unit_move, name="unit-move"),
    path("unidades/<int:pk>/historial/", views_reference.unit_history, name="unit-history"),
]
