/// The dashboard's one HTML page (served at `/`): navigation, a live status line and the main region the script fills.
enum DashboardPage {
    static let text = #"""
<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>geotool dashboard</title>
<link rel="icon" href="/dashboard/icon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/dashboard/app.css">
<script src="/dashboard/app.js" defer></script>
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header>
<nav aria-label="Main">
<a class="brand" href="#/">geotool</a>
<a href="#/">Runs</a>
<a href="/openapi.json">API</a>
<span id="live"></span>
<button type="button" id="forget">Forget token</button>
</nav>
</header>
<main id="main" tabindex="-1"><p>Loading…</p><noscript><p>The dashboard needs JavaScript; the JSON API is described at <a href="/openapi.json">/openapi.json</a>.</p></noscript></main>
</body>
</html>
"""#
}
