"""policykg.visual"""
