import {chromium} from 'playwright-core';
const b = await chromium.launch({executablePath:'/usr/bin/chromium', args:['--headless','--no-sandbox','--disable-gpu','--disable-background-networking','--disable-component-update','--disable-sync','--no-first-run']});
const p = await b.newPage({viewport:{width:1280,height:900}, colorScheme: process.env.DARK ? 'dark':'light'});
p.on('console', m => m.type()==='error' && console.log('console', m.text()));
p.on('pageerror', e => console.log('pageerror', e.message));
await p.goto(process.argv[2]);
await p.waitForTimeout(2500);
await p.screenshot({path: process.argv[3] ?? '/tmp/shot.png', fullPage: !!process.env.FULL});
await b.close();
