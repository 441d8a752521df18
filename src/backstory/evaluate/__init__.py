"""Scorers against gold-annotated corpora: ``backstory eval {events,time,places} FILE.jsonl``."""
