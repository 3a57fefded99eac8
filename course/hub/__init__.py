"""The course on a JupyterHub: settings, per-user Jupyter configuration, the demo hub.

``hub/jupyterhub_config.py`` reads :class:`~course.hub.settings.HubSettings`
and calls :func:`~course.hub.userconfig.prepare_user` before each server starts.
``python -m course.hub`` (``make hub``) runs a demo hub with demo users.
"""
