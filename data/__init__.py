"""policykg.data"""
