#!/bin/sh
# A token kept from 2022: it expired long ago.
curl -H "Authorization: Bearer eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJzdmMtZXhwb3J0cyIsInNjb3BlIjoib3JkZXJzOnJlYWQiLCJleHAiOjE2NDE4MjU4MzF9.Wq3vJ0sY8yQmX1p0u9cN2bK4rT7eL5aD6fH8gJ1kZ2c" https://api.shop.example/exports # want "signed JWT \"eyJh…\" is hard-coded: it expired on 2022-01-10, so it no longer authenticates anyone; check that the key"
# A token that is good until 2100.
curl -H "Authorization: Bearer eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJzdmMtaW1wb3J0cyIsInNjb3BlIjoib3JkZXJzOndyaXRlIiwiZXhwIjo0MTAyNDQ0ODAwfQ.Pz4aQ9wE2rT6yU1iO8pA5sD3fG7hJ0kL4zX2cV9bN1m" https://api.shop.example/imports # want "signed JWT \"eyJh…\" is hard-coded: anyone who can read this file can use it"
