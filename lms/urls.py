from django.urls import path

from . import views

app_name = "lms"

urlpatterns = [
    path("my-data.json", views.my_data, name="my_data"),
    path("set-password/<uidb64>/<token>/", views.FirstLoginPasswordView.as_view(), name="set_password"),
]
