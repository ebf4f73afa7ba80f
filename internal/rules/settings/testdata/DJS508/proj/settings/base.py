SESSION_COOKIE_AGE = 60 * 60 * 24 * 365  # want `SESSION_COOKIE_AGE is 31536000 seconds \(365 days\), more than two weeks`
