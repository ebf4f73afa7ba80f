// The store finder's map: the maps key is given to every visitor's browser.
var bingMapsAPIKey = "Aq7Rm2xQ9vLp4TzKc8WnY3bHs6DfJg1Ue5Ni0Oa";  // want "maps key assigned to bingMapsAPIKey .* a maps service gives such keys to browsers by design"
var mapboxToken = "sk.eyJ1IjoiZXhhbXBsZSIsImEiOiJja3g5In0.Zq8vN3kT6bRm2xLp4Wc7Yd";  // want "secret assigned to mapboxToken .* anyone who can read this file can use it"
