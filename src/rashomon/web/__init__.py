"""rashomon.web"""
