from django.urls import path

from . import views

urlpatterns = [
    path("alertas/", views.inbox, name="alert-inbox"),
    path("alertas/<int:pk>/", views.alert_detail, name="alert-detail"),
    path("alertas/<int:pk>/accion/", views.alert_act, name="alert-act"),
    path("alertas/monitoreo/", views.monitoring, name="alert-monitoring"),
    path("alertas/entregas/", views.deliveries, name="alert-deliveries"),
    path("alertas/entregas/<int:pk>/reintentar/", views.delivery_retry, name="delivery-retry"),
]
