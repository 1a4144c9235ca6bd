"""rashomon.distributed"""
