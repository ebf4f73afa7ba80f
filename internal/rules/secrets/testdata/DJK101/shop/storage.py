# What a presigned upload looks like, kept for the front-end developers.
PRESIGNED_POST_EXAMPLE = {
    "url": "https://shop-media.s3.amazonaws.com/",
    "fields": {
        "x-amz-algorithm": "AWS4-HMAC-SHA256",
        "x-amz-credential": "AKIAQ3EGRZLK6FQDBJWN/20240105/eu-central-1/s3/aws4_request",  # want "it is the credential scope of a signed request"
        "x-amz-date": "20240105T114912Z",
    },
}
PRESIGNED_GET_EXAMPLE = (
    "https://shop-media.s3.amazonaws.com/a.png?X-Amz-Algorithm=AWS4-HMAC-SHA256"
    "&X-Amz-Credential=AKIAW6XMNQ7TPZL2RK4D%2F20240105%2Feu-central-1%2Fs3%2Faws4_request"  # want "credential scope of a signed request"
)
