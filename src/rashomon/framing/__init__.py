"""rashomon.framing"""
