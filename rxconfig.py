"""Reflex configuration, derived entirely from the validated PEERSUPPORT_* settings."""

import sys

import reflex as rx
from reflex.constants import StateManagerMode
from reflex.plugins.sitemap import SitemapPlugin

from peersupport.neutral_build import NeutralBuildNames
from peersupport.settings import SettingsError, load_settings

try:
    settings = load_settings()
except SettingsError as error:
    # One clear line, no traceback: the operator needs the variable name, not our stack.
    print(f"peersupport: configuration error: {error}", file=sys.stderr)
    raise SystemExit(2) from None

config = rx.Config(
    app_name="peersupport",
    app_module_import="peersupport.app",
    db_url=settings.database_url,
    redis_url=settings.redis_url,
    state_manager_mode=(StateManagerMode.REDIS if settings.redis_url else StateManagerMode.MEMORY),
    frontend_port=settings.port,
    backend_port=settings.port,
    # Only our own origin may open the event websocket or call the API.
    cors_allowed_origins=[settings.public_origin],
    deploy_url=settings.public_url,
    api_url=settings.public_url,
    telemetry_enabled=False,
    show_built_with_reflex=False,
    # A sitemap would advertise the app to crawlers; discretion comes first.
    disable_plugins=[SitemapPlugin],
    # Build files named by content hash, never by page: browser caches show file names.
    plugins=[NeutralBuildNames()],
    frontend_compression_formats=["gzip"],
)
