// a view's events map: the selector names a button, the value its handler
export const TokensView = Backbone.View.extend({
    events: {
        'click .generate-api-token': '_onGenerateClicked', // safe: a handler's name
        'click .remove-api-token': 'onRemoveClicked', // safe: a handler's name
    },
});

export const client = {
    api_token: 'onX7kQ2pLm9Zr4Tz', // want "secret assigned to api_token"
};
