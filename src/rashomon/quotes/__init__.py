"""rashomon.quotes"""
