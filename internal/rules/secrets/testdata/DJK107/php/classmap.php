<?php
// the autoloader's map of classes to their files
return array(
    'BaseCcSubjsToken' => 'airtime/om/BaseCcSubjsToken.php', // safe: a class's file
    'CcSessionToken' => 'airtime/CcSessionToken.php', // safe: a class's file
    'ApiToken' => 'k9Qm2Xv7Lp4Rt8Wz/3NbY6cHdF1gJ5sA', // want "secret assigned to ApiToken"
);
