import httpx
from playwright.sync_api import Browser
from tests.browser.conftest import PHONE

def test_probe(running_app, browser: Browser):
    for p in ["/", "/hulp", "/hulp/", "/veilig", "/over", "/nope", "/sw.js", "/api/health", "/app.css", "/icons/logo.svg", "/_event/?EIO=4&transport=polling"]:
        r = httpx.get(running_app.url + p, follow_redirects=False)
        print(p, r.status_code, dict(r.headers).get("location"), r.headers.get("content-type"), r.headers.get("cache-control"), len(r.content))
    html = httpx.get(running_app.url + "/hulp").text
    print(html[:6000])
    ctx = browser.new_context(viewport=PHONE, service_workers="allow")
    page = ctx.new_page()
    page.on("console", lambda m: print("CONSOLE", m.type, m.text))
    page.goto(running_app.url + "/")
    page.wait_for_function("navigator.serviceWorker.ready.then(() => true)")
    page.wait_for_function("caches.open('kompas-shell-v1').then(c => c.match('/hulp')).then(r => !!r)")
    print(page.evaluate("""async () => { const c = await caches.open('kompas-shell-v1'); const out=[]; for (const r of await c.keys()) { const res = await c.match(r); out.push([r.url, res.status, res.type, res.redirected, res.url]); } return out; }"""))
    ctx.set_offline(True)
    try:
        page.goto(running_app.url + "/hulp")
    except Exception as e:
        print("ERR", e)
    ctx.close()
