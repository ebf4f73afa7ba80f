#!/bin/sh
curl -X POST -H 'Content-type: application/json' --data '{"text":"deployed"}' https://hooks.slack.com/services/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 # want "Slack incoming-webhook URL"
curl -X POST -d "$PAYLOAD" "$SLACK_WEBHOOK_URL" # safe: variable
