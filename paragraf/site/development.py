"""The development profile as a settings module, for tools that name a settings module rather than read
the environment: pytest (pyproject.toml), `make messages`. Processes they start inherit the profile."""
import os

os.environ["PARAGRAF_PROFILE"] = "development"

from paragraf.site.settings import *  # noqa: E402,F401,F403
