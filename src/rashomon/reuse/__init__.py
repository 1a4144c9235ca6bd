"""rashomon.reuse"""
