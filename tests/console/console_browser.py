#!/usr/bin/python3
"""The staff console in a real headless Chromium (Debian chromium +
chromium-driver, driven by python3-selenium), against the real `speedmeet
serve` and headless kiosk that test_console_browser.cpp started and
described in the JSON file given as argv[1]. One browser session, each
role in turn. Prints one line per check; exits 1 at the first failure.
With SCREENS=DIR set, also writes the screenshots docs/screens holds."""
import json
import os
import subprocess
import sys
import time

from selenium import webdriver
from selenium.common.exceptions import NoAlertPresentException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

setup = json.load(open(sys.argv[1]))
base = 'http://127.0.0.1:%d' % setup['port']
screens = os.environ.get('SCREENS')
failures = []


def check(ok, what):
    print(('ok   ' if ok else 'FAIL ') + what, flush=True)
    if not ok:
        failures.append(what)


def browser():
    options = webdriver.ChromeOptions()
    options.binary_location = '/usr/bin/chromium'
    for flag in ('--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--lang=en-US',
                 '--hide-scrollbars', '--force-device-scale-factor=1'):
        options.add_argument(flag)
    options.set_capability('goog:loggingPrefs', {'browser': 'ALL'})
    service = Service(executable_path='/usr/bin/chromedriver')
    driver = webdriver.Chrome(service=service, options=options)
    driver.set_window_size(390, 844)
    return driver


def console_errors(driver, expected=()):
    """SEVERE browser log entries since the last call, except expected ones."""
    errors = [e['message'] for e in driver.get_log('browser')
              if e['level'] == 'SEVERE' and not any(x in e['message'] for x in expected)]
    for e in errors:
        print('     browser console: ' + e)
    return errors


def status_of(driver, method, path, headers=None):
    """The HTTP status of a same-origin fetch made by the page (with its cookie)."""
    return driver.execute_async_script(
        'const done = arguments[arguments.length - 1];'
        'fetch(arguments[0], {method: arguments[1], headers: arguments[2] || {}, credentials: "same-origin"})'
        '.then(r => done(r.status)).catch(e => done(String(e)));', path, method, headers)


def log_in(driver, name, password):
    driver.get(base + '/login')
    driver.find_element(By.NAME, 'name').send_keys(name)
    driver.find_element(By.NAME, 'password').send_keys(password)
    driver.find_element(By.CSS_SELECTOR, 'form button').click()
    WebDriverWait(driver, 10).until(lambda d: d.current_url.startswith(base + '/board'))


def log_out(driver):
    driver.find_element(By.CSS_SELECTOR, 'form.logout button').click()
    WebDriverWait(driver, 10).until(lambda d: d.current_url.startswith(base + '/login'))


def wait_for(driver, css, timeout=10):
    return WebDriverWait(driver, timeout).until(lambda d: d.find_elements(By.CSS_SELECTOR, css))


def run_kiosk(script):
    argv = setup['kiosk'] + ['--script', script]
    done = subprocess.run(argv, capture_output=True, text=True, timeout=60)
    if done.returncode != 0:
        print(done.stderr)
    return [json.loads(line) for line in done.stdout.splitlines() if line.strip()]


def shot(driver, name, width, height):
    if not screens:
        return
    driver.set_window_size(width, height)
    # The window's frame is not the page's: grow it until the viewport is width x height.
    inner = driver.execute_script('return [window.innerWidth, window.innerHeight]')
    driver.set_window_size(2 * width - inner[0], 2 * height - inner[1])
    time.sleep(0.8)
    driver.save_screenshot(os.path.join(screens, name))


def table_state(driver, number):
    """The class of table NUMBER's card, read in one script (the board redraws its cards on every change)."""
    return driver.execute_script(
        "for (const c of document.querySelectorAll('.table-card'))"
        "  if (c.querySelector('.number').textContent === String(arguments[0])) return c.className;"
        "return '';", number)


driver = browser()
try:
    started = time.monotonic()
    # --- host: the board, live -------------------------------------------
    log_in(driver, 'hana', setup['passwords']['host'])
    driver.get(base + '/board?round=1')
    wait_for(driver, '.table-card')
    check('state-empty' in table_state(driver, 1), 'table 1 waits for both before the scan')
    evil = setup['evil_name']
    names = [n.text for n in driver.find_elements(By.CSS_SELECTOR, '.table-card .name')]
    check(evil in names, 'a name holding markup is shown as text')
    check(not driver.find_elements(By.CSS_SELECTOR, '.tables img'), 'no element was made from a name')
    try:
        driver.switch_to.alert
        check(False, 'no script ran from a name')
    except NoAlertPresentException:
        check(True, 'no script ran from a name')
    check('@' not in driver.page_source, 'the host sees no e-mail address on the board')
    check(not console_errors(driver), 'board: no browser console error')
    shot(driver, 'console-board-phone.png', 390, 844)

    scans = run_kiosk(setup['scan_script'])
    uploaded = time.monotonic()
    check(any(s.get('outcome') == 'welcome' for s in scans), 'the kiosk admitted C01')
    WebDriverWait(driver, 5, poll_frequency=0.05).until(lambda d: 'state-waiting' in table_state(d, 1))
    seen = time.monotonic() - uploaded
    check(seen <= 2.0, 'the scan reached the open board without a reload in %.2f s' % seen)

    for path in ('/people', '/people/C01', '/devices', '/reports', '/console/api/people?q=a',
                 '/console/api/devices', '/reports/all.zip'):
        check(status_of(driver, 'GET', path) == 403, 'host gets 403 for ' + path)
    driver.get(base + '/people')
    check(driver.title == '403', 'host opening /people sees the 403 page')
    driver.get(base + '/attendance')
    wait_for(driver, '#rounds tr')
    check('@' not in driver.page_source, 'the host sees no e-mail address on attendance')
    check(bool(driver.find_elements(By.CSS_SELECTOR, '#chart svg path')), 'attendance draws its chart')
    shot(driver, 'console-attendance.png', 1280, 900)
    driver.set_window_size(390, 844)
    console_errors(driver, ('403',))  # the probes above answered 403 on purpose
    driver.get(base + '/board?round=1&display=1')
    wait_for(driver, '.table-card')
    check(not driver.find_elements(By.CSS_SELECTOR, 'header.top, button:not([hidden])'), 'big screen: no controls')
    shot(driver, 'console-board-display.png', 1920, 1080)
    check(not console_errors(driver), 'attendance and big screen: no browser console error')
    driver.set_window_size(390, 844)
    driver.get(base + '/board')
    wait_for(driver, 'form.logout button')
    log_out(driver)

    # --- desk: a person, CSRF, revoke -------------------------------------
    log_in(driver, 'dora', setup['passwords']['desk'])
    driver.get(base + '/people')
    search = wait_for(driver, '#q')[0]
    search.send_keys('P07')
    WebDriverWait(driver, 5).until(lambda d: len(d.find_elements(By.CSS_SELECTOR, '#results li')) == 1)
    driver.find_element(By.CSS_SELECTOR, '#results a').click()
    wait_for(driver, '#scans tr')
    check('@' in driver.find_element(By.ID, 'person').text, 'the desk sees the e-mail address')
    check(status_of(driver, 'POST', '/console/api/people/P07/revoke') == 403, 'a POST without the CSRF token is refused')
    console_errors(driver, ('403',))
    driver.find_element(By.ID, 'revoke').click()
    driver.switch_to.alert.accept()
    WebDriverWait(driver, 5).until(lambda d: d.execute_script("return document.getElementById('revoke').disabled"))
    check(True, 'revoked from the person page')
    refused = run_kiosk(setup['revoked_script'])
    check(any(s.get('outcome') == 'rejected' and s.get('reason') == 'revoked' for s in refused),
          'after its next sync the kiosk refuses the revoked badge')
    driver.refresh()
    WebDriverWait(driver, 5).until(lambda d: 'revoked' in d.find_element(By.ID, 'scans').text)
    check(True, "the refused scan is on the person's page")
    shot(driver, 'console-person.png', 1280, 900)
    # A walk-in added at the desk gets a badge and a seat the kiosk knows after its next sync.
    driver.get(base + '/people')
    wait_for(driver, '#walk-in-name')[0].send_keys('Walter Inn')
    driver.find_element(By.ID, 'walk-in-organization').send_keys('Late Start S.A.')
    driver.find_element(By.CSS_SELECTOR, '#walk-in button').click()
    WebDriverWait(driver, 10).until(lambda d: '/people/W' in d.current_url)
    walk_in = driver.current_url.rsplit('/', 1)[1]
    wait_for(driver, '#agenda tr')
    check(len(driver.find_elements(By.CSS_SELECTOR, '#agenda tr')) > 1, 'walk-in %s added from the console, with a seat' % walk_in)
    codes = os.path.join(os.path.dirname(sys.argv[1]), 'walk-in.tsv')
    subprocess.run([setup['speedmeet'], 'badges', setup['central'], '--codes', codes, '--only', walk_in], check=True,
                   capture_output=True)
    code = open(codes).read().split('\t')[1].strip()
    script = os.path.join(os.path.dirname(sys.argv[1]), 'walk-in.script')
    open(script, 'w').write('+0 sync\n+0 clock 2026-11-27T13:59\n+0 scan %s\n+0 sync\n' % code)
    welcomed = [s for s in run_kiosk(script) if 'outcome' in s]
    check(bool(welcomed) and welcomed[0]['outcome'] == 'welcome' and welcomed[0].get('table'),
          'the kiosk welcomes the walk-in with a table: %s' % (welcomed[:1],))
    check(not console_errors(driver), 'people pages: no browser console error')
    log_out(driver)

    # --- admin: devices, reports ------------------------------------------
    log_in(driver, 'adam', setup['passwords']['admin'])
    driver.get(base + '/devices')
    wait_for(driver, '#devices td')
    check('door' in driver.find_element(By.ID, 'devices').text, 'the admin sees the kiosk')
    driver.find_element(By.ID, 'device-name').send_keys('hall-2')
    driver.find_element(By.CSS_SELECTOR, '#add-device button').click()
    WebDriverWait(driver, 5).until(lambda d: d.find_elements(By.CSS_SELECTOR, '#token code'))
    check(driver.find_element(By.CSS_SELECTOR, '#token code').text.startswith('smd_'), 'a new kiosk\'s token is shown once')
    WebDriverWait(driver, 5).until(lambda d: 'hall-2' in d.find_element(By.ID, 'devices').text)
    shot(driver, 'console-devices.png', 1280, 800)
    driver.get(base + '/reports')
    wait_for(driver, '#audit td')
    check('badge_revoke' in driver.find_element(By.ID, 'audit').text, 'the audit lists the revoke')
    driver.find_element(By.CSS_SELECTOR, 'header.top select').send_keys('FR')
    WebDriverWait(driver, 5).until(lambda d: 'Rapports' in d.find_element(By.CSS_SELECTOR, 'h1').text)
    check(True, 'the language switch shows French')
    driver.execute_script("localStorage.removeItem('sm_lang')")
    check(not console_errors(driver), 'admin pages: no browser console error')
    print('browser session: %.1f s' % (time.monotonic() - started))
finally:
    driver.quit()
sys.exit(1 if failures else 0)
