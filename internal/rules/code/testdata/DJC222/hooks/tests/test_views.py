def test_login(client):  # safe: test code
    password = "hunter22"
    assert password == "hunter22"
