from django.urls import path

from . import admin_views

urlpatterns = [
    path("", admin_views.event_list, name="event_list"),
    path("<int:event_id>/", admin_views.registration_list, name="registrations"),
    path("<int:event_id>/export.<str:fmt>", admin_views.export, name="export"),
    path("<int:event_id>/aanwezig/<int:registration_id>/", admin_views.attendance, name="attendance"),
    path("<int:event_id>/annuleren/<int:registration_id>/", admin_views.cancel, name="cancel"),
    path("<int:event_id>/bevestigen/<int:registration_id>/", admin_views.confirm, name="confirm"),
    path("<int:event_id>/presentielijst/", admin_views.attendance_sheet, name="attendance_sheet"),
    path("<int:event_id>/inchecken/", admin_views.check_in, name="check_in"),
    path("<int:event_id>/bericht/", admin_views.message, name="message"),
]
