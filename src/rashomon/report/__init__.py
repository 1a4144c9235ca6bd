"""rashomon.report"""
