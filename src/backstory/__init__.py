"""backstory: news articles into sourced context — actors, events, time, place, claims."""

__version__ = "0.1.0"
