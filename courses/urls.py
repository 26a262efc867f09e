from django.urls import path

from . import views

app_name = "courses"

urlpatterns = [
    path("my-learning/", views.my_learning, name="my_learning"),
    path("enrol/<int:course_id>/", views.enrol, name="enrol"),
    path("search/", views.search, name="search"),
]
