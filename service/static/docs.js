// Swagger UI on the committed spec, all from this origin: no validator badge (it would call an
// outside service), "try it out" against this same server (the spec names no other).
window.ui = window.SwaggerUIBundle({
  url: '/openapi.yaml',
  dom_id: '#swagger-ui',
  deepLinking: true,
  validatorUrl: null,
  tryItOutEnabled: false,
  presets: [window.SwaggerUIBundle.presets.apis],
  plugins: [window.SwaggerUIBundle.plugins.DownloadUrl],
});
