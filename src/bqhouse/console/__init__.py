"""The web console served at ``/`` by ``bqhouse serve``."""
