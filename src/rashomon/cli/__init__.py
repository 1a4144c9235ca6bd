"""rashomon.cli"""
