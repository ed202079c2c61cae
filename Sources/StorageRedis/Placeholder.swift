import Redis
import Storage
