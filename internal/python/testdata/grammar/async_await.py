import asyncio

async def main(urls):
    async with session() as s, lock:
        async for x in aiter(s):
            await x
    result = [await fetch(u) async for u in urls if await ok(u)]
    gen = (i async for i in agen())
    return await asyncio.gather(*result)

async def agen():
    yield 1
    await asyncio.sleep(0)
    x = await y ** 2
