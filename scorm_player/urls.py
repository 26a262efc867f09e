from django.urls import path

from . import views

app_name = "scorm_player"

urlpatterns = [
    path("play/<int:version_id>/", views.player, name="player"),
    # Served by scorm_player.middleware.RuntimeFastPathMiddleware, like the commit URL.
    path("content/<int:version_id>/<str:token>/<path:path>", views.content, name="content"),
    path("commit/<str:token>/", views.commit, name="commit"),
    path("navigate/<int:version_id>/", views.navigate, name="navigate"),
    path("navigation/<int:version_id>/", views.navigation, name="navigation"),
]
