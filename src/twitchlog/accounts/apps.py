from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "twitchlog.accounts"
    label = "accounts"
    verbose_name = "Accounts"
