"""rashomon.entities"""
