"""rashomon.stories"""
