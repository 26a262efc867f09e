from django.urls import path

from . import views

app_name = "scorm_player"

urlpatterns = [
    path("play/<int:version_id>/", views.player, name="player"),
    # Served by scorm_player.middleware.ContentFastPathMiddleware.
    path("content/<int:version_id>/<str:token>/<path:path>", views.content, name="content"),
    # In production answered by scorm_player.wsgi.CommitRoute before Django sees it.
    path("commit/<str:token>/", views.commit, name="commit"),
    path("commit/<str:token>/stored/", views.stored, name="stored"),
    path("navigate/<int:version_id>/", views.navigate, name="navigate"),
    path("navigation/<int:version_id>/", views.navigation, name="navigation"),
]
