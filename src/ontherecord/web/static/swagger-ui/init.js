// Starts Swagger UI on the app's own OpenAPI schema (a file, not an inline script: the pages' content
// security policy forbids inline scripts).
window.addEventListener("load", function () {
  "use strict";
  window.ui = SwaggerUIBundle({
    url: "/api/openapi.json",
    dom_id: "#swagger-ui",
    deepLinking: true,
    defaultModelsExpandDepth: 0,
    tryItOutEnabled: true,
    validatorUrl: null
  });
});
