"""rashomon.claims"""
