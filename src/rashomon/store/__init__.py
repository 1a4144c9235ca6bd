"""rashomon.store"""
