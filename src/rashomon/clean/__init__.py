"""rashomon.clean"""
