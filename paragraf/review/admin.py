from django.contrib import admin

from paragraf.review.models import ReviewSetting


@admin.register(ReviewSetting)
class ReviewSettingAdmin(admin.ModelAdmin):
    list_display = ("organization", "public")
