import tracemalloc

_cache = {}

def render(user_id):
    if user_id not in _cache:          # every new id stays forever
        _cache[user_id] = "<p>user %d</p>" % user_id
    return _cache[user_id]

tracemalloc.start()
for request in range(2000):
    render(request)
kib = tracemalloc.get_traced_memory()[0] // 1024
print("cached:", len(_cache), "traced:", kib, "KiB")

_cache.clear()                         # the fix: bound or clear the cache
kib = tracemalloc.get_traced_memory()[0] // 1024
print("cached:", len(_cache), "traced:", kib, "KiB")
