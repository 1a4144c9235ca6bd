"""rashomon.ingest"""
