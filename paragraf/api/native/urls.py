from django.urls import path

app_name = "native"
urlpatterns: list = []
