# err: importing a module that does not exist raises ModuleNotFoundError (allowed modules import fine)
import gc
import no_such_module_anywhere
