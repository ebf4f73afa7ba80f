import mapboxgl from "mapbox-gl";

// a public token, restricted to the site's URLs in Mapbox's console
mapboxgl.accessToken = "pk.eyJ1IjoiZXhhbXBsZXNob3AiLCJhIjoiY2x4OHF6bTJ0MGQ5cDJrcGF3b2R6In0.Q2hvcF9zaG9wX21hcHM"; // safe: a public token
// a secret token has no place in a page
const uploadToken = "sk.eyJ1IjoiZXhhbXBsZXNob3AiLCJhIjoiY2x4OHF6bTJ0MGQ5cDJrcGF3b2R6In0.U2VjcmV0X3VwbG9hZHM"; // want "secret assigned to uploadToken"
export { uploadToken };
