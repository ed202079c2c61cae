import Hummingbird
import AsyncHTTPClient
import Crypto
import Configuration
import Logging
import ServiceLifecycle
