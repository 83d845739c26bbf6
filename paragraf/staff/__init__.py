"""The staff login of the admin: lockout page (django-axes), TOTP (django-otp), `paragraf totp`."""
